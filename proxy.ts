import { NextResponse, type NextRequest } from "next/server";

// Not an authorization layer (pages, actions and routes check the user themselves): it only
// passes the requested path on, so a sign-in redirect can come back to it.
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-vitrine-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|.*\\.svg$).*)"],
};
