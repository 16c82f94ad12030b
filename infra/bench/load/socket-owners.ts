// Which process holds each local TCP port, from /proc: a PostgreSQL backend's `client_port` then
// names the process whose pool it serves (the API's, the dispatcher's), per process, not in sum.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Socket inode → local port, from /proc/net/tcp and tcp6. */
function localPorts(): Map<string, number> {
  const ports = new Map<string, number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      ports.set(fields[9]!, parseInt(fields[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

/** Local port → the name of the group whose process holds that socket. */
export function socketOwners(groups: [name: string, pids: number[]][]): Map<number, string> {
  const ports = localPorts();
  const owners = new Map<number, string>();
  for (const [name, pids] of groups) {
    for (const pid of pids) {
      let fds: string[] = [];
      try {
        fds = readdirSync(`/proc/${pid}/fd`);
      } catch {
        continue; // gone
      }
      for (const fd of fds) {
        try {
          const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
          const port = inode === undefined ? undefined : ports.get(inode);
          if (port !== undefined) owners.set(port, name);
        } catch {
          // closed meanwhile
        }
      }
    }
  }
  return owners;
}
