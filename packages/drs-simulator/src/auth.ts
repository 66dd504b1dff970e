/** Who signed a request, read from its SigV4 `Authorization` header. */
export interface Caller {
  accessKeyId: string;
  region: string;
  /** The service the request was signed for. */
  service: string;
}

// Credential=AKID/20240101/us-east-1/drs/aws4_request
const CREDENTIAL_SCOPE =
  /Credential=([^/,\s]+)\/[0-9]{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

/** The signature itself is not checked: any key is accepted, as documented. */
export function callerFromAuthorization(
  authorization: string | undefined,
): Caller | undefined {
  const match = authorization?.match(CREDENTIAL_SCOPE);
  return match
    ? { accessKeyId: match[1], region: match[2], service: match[3] }
    : undefined;
}
