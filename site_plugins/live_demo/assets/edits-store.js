/* The reader's edits, one per file, kept in this browser's IndexedDB across reloads. A browser
   without IndexedDB (some private modes) keeps them for the visit only. */
const DB = "backend-basics-edits";
const STORE = "files";
const memory = new Map();
let opened = null;

function open() {
  opened ??= new Promise((resolve) => {
    try {
      const request = indexedDB.open(DB, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return opened;
}

async function run(mode, work) {
  const db = await open();
  if (!db) return null;
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = work(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
  });
}

export async function getEdit(file) {
  const found = await run("readonly", (store) => store.get(file)).catch(() => null);
  return found ?? memory.get(file) ?? null;
}

export async function putEdit(file, text) {
  memory.set(file, text);
  await run("readwrite", (store) => store.put(text, file)).catch(() => null);
}

export async function dropEdit(file) {
  memory.delete(file);
  await run("readwrite", (store) => store.delete(file)).catch(() => null);
}
