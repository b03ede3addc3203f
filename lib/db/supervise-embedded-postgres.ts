import { getLogger } from "@/lib/log/logger";
import type { RunningEmbeddedPostgres } from "./embedded-postgres";

const log = getLogger("DB");

/** Waits before each restart attempt after the server died: 1, 2, 4, 8, 16 s (about half a minute in all). */
export const RESTART_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000];
/** More deaths than this within the window is a crash loop: restarting again would only hide it. */
const MAX_DEATHS = 5;
const DEATH_WINDOW_MS = 10 * 60_000;

/**
 * Keeps the launcher's embedded PostgreSQL up: when it dies (killed, crashed), it is started again
 * on the same data directory with backoff, and the app's connection pools reconnect by themselves.
 * When every attempt fails, or it keeps dying, `onGiveUp` runs so the launcher can stop and exit
 * non-zero — a supervisor (systemd, Docker's restart policy) then restarts the whole app.
 */
export function superviseEmbeddedPostgres(
  embedded: RunningEmbeddedPostgres,
  options: { isStopping: () => boolean; onGiveUp: (reason: string) => void; delaysMs?: number[] },
): void {
  const delays = options.delaysMs ?? RESTART_DELAYS_MS;
  const deaths: number[] = [];
  embedded.onUnexpectedExit(({ code, signal }) => {
    // Ctrl-C in a terminal signals the whole process group: PostgreSQL then stops with the app.
    if (options.isStopping()) return;
    log.error({ action: "EMBEDDED_PG_EXITED", code, signal }, "O PostgreSQL embutido parou inesperadamente");
    const now = Date.now();
    deaths.push(now);
    while (deaths.length > 0 && deaths[0]! < now - DEATH_WINDOW_MS) deaths.shift();
    if (deaths.length > MAX_DEATHS) {
      options.onGiveUp(`o PostgreSQL embutido parou ${deaths.length} vezes em ${DEATH_WINDOW_MS / 60_000} minutos`);
      return;
    }
    void (async () => {
      for (const [index, delay] of delays.entries()) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        if (options.isStopping()) return;
        try {
          await embedded.restart();
          return;
        } catch (error) {
          log.error(
            {
              action: "EMBEDDED_PG_RESTART_FAILED",
              attempt: index + 1,
              of: delays.length,
              err: (error as Error).message,
            },
            "Falha ao reiniciar o PostgreSQL embutido",
          );
        }
      }
      options.onGiveUp(`o PostgreSQL embutido não voltou após ${delays.length} tentativas`);
    })();
  });
}
