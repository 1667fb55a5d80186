// Preloaded into decap-server by the browser test (NODE_OPTIONS=--require …):
// records every TCP connection it opens to a host other than this machine.
const fs = require('fs');
const net = require('net');

const log = process.env.GAZOUILLE_TEST_NETWORK_LOG;
const LOCAL = new Set(['localhost', '127.0.0.1', '::1', undefined]);
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = args[0];
  const options = first !== null && typeof first === 'object' ? first : { port: first, host: args[1] };
  if (!options.path && !LOCAL.has(options.host)) {
    fs.appendFileSync(log, `${options.host}:${options.port}\n`);
  }
  return connect.apply(this, args);
};
