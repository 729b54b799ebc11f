/**
 * The {@code /ws} JSON protocol (PROTOCOL.md section 1) without I/O: client messages and their
 * parser, the server's messages, row values as JSON straight from text-protocol row bytes,
 * placeholder binding, and the per-session state machine. The Vert.x verticle drives these
 * classes; nothing here touches a socket, a timer or Vert.x.
 */
package io.wsproxy.ws;
