/** Reads the division lists (code, name, parent) that the seed builds a league from. */
import fs from 'node:fs';
import { AppError } from '../../../../shared/contract/errors.ts';

export interface County {
  code: string;
  name: string;
  cityCode: string;
}
export interface Township {
  code: string;
  name: string;
  countyCode: string;
}

/** League/city names by their 4-digit code (not in the CSVs). */
export const cityNames: Record<string, string> = {
  '1501': '呼和浩特市',
  '1502': '包头市',
  '1503': '乌海市',
  '1504': '赤峰市',
  '1505': '通辽市',
  '1506': '鄂尔多斯市',
  '1507': '呼伦贝尔市',
  '1508': '巴彦淖尔市',
  '1509': '乌兰察布市',
  '1522': '兴安盟',
  '1525': '锡林郭勒盟',
  '1529': '阿拉善盟',
};

function parseCsv(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '')));
}

function read(dir: URL, file: string): string {
  try {
    return fs.readFileSync(new URL(file, dir), 'utf8');
  } catch {
    throw new AppError('SEED_DATA_MISSING', `找不到演示数据文件 ${file}（应在 ${dir.pathname}）。`);
  }
}

export function loadDivisions(dir: URL = new URL('./data/', import.meta.url)): { counties: County[]; townships: Township[] } {
  const counties = parseCsv(read(dir, 'nm-counties.csv')).map(([code, name, cityCode]) => ({
    code: code!,
    name: name!,
    cityCode: cityCode!,
  }));
  const townships = parseCsv(read(dir, 'nm-townships.csv')).map(([code, name, countyCode]) => ({
    code: code!,
    name: name!,
    countyCode: countyCode!,
  }));
  return { counties, townships };
}
