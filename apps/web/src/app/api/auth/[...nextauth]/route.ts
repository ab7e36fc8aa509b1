import { NextRequest } from "next/server";
import { GET, POST as authPost } from "@/auth";
import { tooLarge, withinBodyLimit } from "@/server/body-limit";

// sign-in and sign-out forms are a few hundred bytes: a larger body is refused as it streams
const AUTH_MAX_BODY_BYTES = 64 * 1024;

export { GET };

export async function POST(request: NextRequest): Promise<Response> {
  const bounded = await withinBodyLimit(request, AUTH_MAX_BODY_BYTES);
  if (!bounded) return tooLarge(AUTH_MAX_BODY_BYTES);
  return authPost(new NextRequest(bounded));
}
