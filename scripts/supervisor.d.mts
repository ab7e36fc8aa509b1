export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: Record<string, string | undefined>;
}
export interface SupervisorOptions {
  children: ChildSpec[];
  backoff?: { initialMs?: number; maxMs?: number; resetAfterMs?: number };
  maxRestarts?: { count?: number; windowMs?: number };
  stopTimeoutMs?: number;
  log?: (line: string) => void;
  stdio?: "inherit" | "ignore";
}
export interface Supervisor {
  start(): void;
  stop(code?: number): Promise<number>;
  done: Promise<number>;
  pid(name: string): number | null;
  alive(pid: number): boolean;
}
export function createSupervisor(options: SupervisorOptions): Supervisor;
