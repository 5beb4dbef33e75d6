/* A change to the to-do list shows in every tab at once: the tab that made it (the live list,
   Start over, or a Try it on any page) says so here, and the tabs showing the same demo (the
   tab's, kept in IndexedDB, or the same server) load the list again. */
import { mode, server } from "./page-config.js";

const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("live-demo-todos") : null;
const where = () => `${mode()} ${mode() === "server" ? server() : ""}`;
export const announce = () => channel?.postMessage(where());
export const onChange = (listener, signal) => channel?.addEventListener("message",
  ({ data }) => { if (data === where()) listener(); }, { signal });
