import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api-client";

/**
 * The QueryClient settings of the browser and of server prefetching (one client per request on the
 * server). The staleTime keeps the browser from refetching what the server has just sent.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchOnWindowFocus: false,
        // 4xx are answers, not hiccups: only retry network errors and 5xx.
        retry: (failureCount, error) => failureCount < 2 && !(error instanceof ApiError && error.status < 500),
      },
    },
  });
}
