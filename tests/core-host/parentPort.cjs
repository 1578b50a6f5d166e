// Preloaded into the child by tests/core-host/electron.ts: what Electron gives a utility process,
// `process.parentPort`, whose messages may carry a MessagePort, here over Node's IPC channel.
const { EventEmitter } = require('node:events');

const port = new EventEmitter();
let started = false;
const queued = [];
port.postMessage = (data) => process.send({ kind: 'port', data });
port.start = () => {
  started = true;
  for (const data of queued.splice(0)) port.emit('message', { data, ports: [] });
};
port.close = () => process.disconnect();

// As in Electron, parentPort's messages wait until something listens.
const parentPort = new EventEmitter();
const waiting = [];
parentPort.postMessage = (data) => process.send({ kind: 'parent', data });
parentPort.on('newListener', (event) => {
  if (event === 'message') setImmediate(() => waiting.splice(0).forEach((e) => parentPort.emit('message', e)));
});

process.on('message', (m) => {
  if (m.kind === 'port') {
    if (started) port.emit('message', { data: m.data, ports: [] });
    else queued.push(m.data);
  } else if (parentPort.listenerCount('message') > 0) parentPort.emit('message', { data: m.data, ports: m.ports ? [port] : [] });
  else waiting.push({ data: m.data, ports: m.ports ? [port] : [] });
});
process.on('disconnect', () => port.emit('close'));
process.parentPort = parentPort;
