// Which file manager actions a holder of these permissions is offered (spec 04 §2.7 names each route's
// permission). Where an action also replaces existing content (saving an edit, an upload over a file of the same
// name) it needs file.update as well as the route's file.create, as SFTP does (spec 06 §7); unpacking is offered
// with file.archive as archiving is, and needs file.create, the route's permission. The panel checks again.
import { grants } from './permissions.js';

export function fileActions(held) {
  const has = (p) => grants(held, p);
  const create = has('file.create');
  const update = has('file.update');
  const content = has('file.read-content');
  return {
    list: has('file.read'),
    open: content,
    download: content,
    edit: content && create && update,
    createFile: create,
    createFolder: create,
    upload: create && update,
    pull: create,
    copy: create,
    rename: update,
    move: update,
    chmod: update,
    remove: has('file.delete'),
    compress: has('file.archive'),
    decompress: has('file.archive') && create,
  };
}
