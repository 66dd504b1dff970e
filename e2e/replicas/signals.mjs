// A page's live updates, as the app's signal client gets them: a WebSocket to one replica's
// signals route, authenticated by the user's token, subscribed to one channel.
import WebSocket from 'ws';

const ATTEMPTS = 5;
const ATTEMPT_TIMEOUT_MS = 2_000;

/**
 * Opens the socket, again if it stays unanswered: the signals backend starts listening for
 * WebSocket upgrades when it sees the first one, which it leaves unanswered (the app's signal
 * client reconnects too).
 */
async function open(url, token, replicaName) {
  for (let attempt = 1; ; attempt++) {
    const socket = new WebSocket(url, token);
    const opened = await new Promise(resolve => {
      const timer = setTimeout(() => resolve(false), ATTEMPT_TIMEOUT_MS);
      socket.once('open', () => {
        clearTimeout(timer);
        resolve(true);
      });
      socket.once('error', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (opened) return socket;
    socket.terminate();
    if (attempt === ATTEMPTS) {
      throw new Error(
        `the signals socket of replica ${replicaName} did not open in ${ATTEMPTS} attempts`,
      );
    }
  }
}

/** Subscribes to `channel` on `replica`; `received` grows with each message, in order. */
export async function subscribe(replica, token, channel) {
  const socket = await open(
    `${replica.url.replace(/^http/, 'ws')}/api/signals`,
    token,
    replica.name,
  );
  const received = [];
  socket.on('message', data => {
    const signal = JSON.parse(String(data));
    if (signal.channel === channel) received.push(signal.message);
  });
  socket.send(JSON.stringify({ action: 'subscribe', channel }));
  return {
    received,
    close: () => socket.terminate(),
  };
}
