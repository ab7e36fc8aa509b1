// Lingering close (RFC 9112 §9.6). When the server closes a connection whose request body it did not
// read to the end (a 413 at the body limit, a refused origin), closing at once makes the kernel answer
// the client's unread bytes with a TCP reset, and the reset can wipe our response before the client
// has read it: the client sees "connection reset" instead of 413. Instead the response and our FIN go
// out, the connection stays open for a moment while the client stops sending (Node's HTTP parser keeps
// reading and dropping the rest of the refused body), then it closes.

const CURRENT_REQUEST = Symbol("basegun.currentRequest");
const INSTALLED = Symbol("basegun.lingeringClose");

/** How long a connection whose body was refused stays open after our answer. */
export const LINGER_MS = 2000;

/**
 * Called for every request: remembers it on its socket and, once per socket, replaces the socket's
 * destroySoon (what Node's HTTP server calls after the last response of a connection) by a lingering
 * close when that request's body was not read to the end.
 */
export function lingerOnEarlyClose(req, lingerMs = LINGER_MS) {
  const socket = req.socket;
  if (!socket) return;
  socket[CURRENT_REQUEST] = req;
  if (socket[INSTALLED]) return;
  socket[INSTALLED] = true;
  const destroySoon = socket.destroySoon;
  socket.destroySoon = function lingeringDestroySoon() {
    const request = this[CURRENT_REQUEST];
    if (this.destroyed || !request || request.complete) return destroySoon.call(this);
    this.end();
    const timer = setTimeout(() => this.destroy(), lingerMs);
    timer.unref();
    this.once("close", () => clearTimeout(timer));
  };
}
