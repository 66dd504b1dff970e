declare module 'dynalite' {
  import { Server } from 'http';

  interface DynaliteOptions {
    /** Folder of a LevelDB store; in memory when absent. */
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
  }
  export default function dynalite(options?: DynaliteOptions): Server;
}
