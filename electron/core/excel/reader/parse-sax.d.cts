/** ExcelJS's XML loop, fixed (see parse-sax.cjs). */
declare function parseSax(iterable: unknown): AsyncGenerator<{ eventType: string; value: unknown }[]>;
export = parseSax;
