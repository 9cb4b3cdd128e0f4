// Permission vocabulary (Pterodactyl's) and spec 02's permission test.
export const Permission = Object.freeze({
  all: '*',
  websocketConnect: 'websocket.connect',
  controlConsole: 'control.console',
  controlStart: 'control.start',
  controlStop: 'control.stop',
  controlRestart: 'control.restart',
  userRead: 'user.read',
  userCreate: 'user.create',
  userUpdate: 'user.update',
  userDelete: 'user.delete',
  activityRead: 'activity.read',
  allocationRead: 'allocation.read',
  allocationCreate: 'allocation.create',
  allocationUpdate: 'allocation.update',
  allocationDelete: 'allocation.delete',
  backupRead: 'backup.read',
  backupCreate: 'backup.create',
  backupDelete: 'backup.delete',
  backupDownload: 'backup.download',
  backupRestore: 'backup.restore',
  scheduleRead: 'schedule.read',
  scheduleCreate: 'schedule.create',
  scheduleUpdate: 'schedule.update',
  scheduleDelete: 'schedule.delete',
});

/** Every permission a subuser may hold, grouped for the checkbox editor. */
export const SubuserPermissions = Object.freeze([
  'websocket.connect',
  'control.console', 'control.start', 'control.stop', 'control.restart',
  'user.create', 'user.read', 'user.update', 'user.delete',
  'file.create', 'file.read', 'file.read-content', 'file.update', 'file.delete', 'file.archive', 'file.sftp',
  'backup.create', 'backup.read', 'backup.delete', 'backup.download', 'backup.restore',
  'allocation.read', 'allocation.create', 'allocation.update', 'allocation.delete',
  'startup.read', 'startup.update', 'startup.docker-image',
  'database.create', 'database.read', 'database.update', 'database.delete', 'database.view_password',
  'schedule.create', 'schedule.read', 'schedule.update', 'schedule.delete',
  'settings.rename', 'settings.reinstall',
  'activity.read',
]);

/** Granted when listed, or when "*" is listed and the permission is not an admin one. */
export function grants(held, wanted) {
  const list = Array.isArray(held) ? held : [];
  if (list.includes(wanted)) return true;
  return list.includes(Permission.all) && !wanted.startsWith('admin');
}

/** Which power actions the holder may take (kill needs control.stop, as on the node). */
export function powerPermissions(held) {
  return {
    start: grants(held, Permission.controlStart),
    stop: grants(held, Permission.controlStop),
    restart: grants(held, Permission.controlRestart),
    kill: grants(held, Permission.controlStop),
    command: grants(held, Permission.controlConsole),
  };
}

/** Groups permissions by their prefix ("control", "file", ...), keeping order. */
export function groupPermissions(list = SubuserPermissions) {
  const groups = new Map();
  for (const p of list) {
    const prefix = p.split('.')[0];
    if (!groups.has(prefix)) groups.set(prefix, []);
    groups.get(prefix).push(p);
  }
  return groups;
}
