// Wire formats of the AWS protocols the scanner's clients speak, written from the protocol specifications (Smithy
// awsQuery / ec2Query / restJson1 / awsJson1_1 / restXml): XML bodies for the query protocols, JSON for the others, and each
// protocol's error shape. The SDK's own serializers produce the requests and its parsers read these responses.

export type XmlValue = string | number | boolean | Date | null | undefined | XmlValue[] | { [k: string]: XmlValue };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function scalar(v: string | number | boolean | Date): string {
  return v instanceof Date ? v.toISOString() : esc(String(v));
}

/**
 * Serializes a value as XML children. Lists: each element is wrapped in `memberName(key)` (`item` for EC2, `member`
 * by default for awsQuery, or the member's xmlName where the service model sets one).
 */
export function xml(value: { [k: string]: XmlValue }, memberName: (listKey: string) => string): string {
  let out = '';
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    out += element(k, v, memberName);
  }
  return out;
}

function element(k: string, v: XmlValue, memberName: (listKey: string) => string): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) {
    const m = memberName(k);
    return `<${k}>${v.map((item) => element(m, item, memberName)).join('')}</${k}>`;
  }
  if (typeof v === 'object' && !(v instanceof Date)) return `<${k}>${xml(v, memberName)}</${k}>`;
  return `<${k}>${scalar(v)}</${k}>`;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

let requestCounter = 0;
export const requestId = () => `req-${(++requestCounter).toString().padStart(8, '0')}`;

export function ec2Ok(action: string, result: { [k: string]: XmlValue }): WireResponse {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${requestId()}</requestId>${xml(result, () => 'item')}</${action}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body };
}

export function ec2Error(status: number, code: string, message: string): WireResponse {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${esc(code)}</Code><Message>${esc(message)}</Message></Error></Errors><RequestID>${requestId()}</RequestID></Response>`;
  return { status, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body };
}

export function queryOk(action: string, namespace: string, result: { [k: string]: XmlValue }, members: Record<string, string> = {}): WireResponse {
  const inner = xml(result, (k) => members[k] ?? 'member');
  const body = `<${action}Response xmlns="${namespace}"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>${requestId()}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml' }, body };
}

export function queryError(status: number, code: string, message: string): WireResponse {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  const body = `<ErrorResponse><Error><Type>${type}</Type><Code>${esc(code)}</Code><Message>${esc(message)}</Message></Error><RequestId>${requestId()}</RequestId></ErrorResponse>`;
  return { status, headers: { 'content-type': 'text/xml' }, body };
}

export function jsonOk(result: unknown, contentType = 'application/json'): WireResponse {
  return { status: 200, headers: { 'content-type': contentType, 'x-amzn-requestid': requestId() }, body: JSON.stringify(result) };
}

/** restJson1: the error code in X-Amzn-Errortype; awsJson1_1: in `__type` (both set, as services do). */
export function jsonError(status: number, code: string, message: string, contentType = 'application/json'): WireResponse {
  return {
    status,
    headers: { 'content-type': contentType, 'x-amzn-errortype': `${code}:http://internal.amazon.com/coral/com.amazon.coral.service/`, 'x-amzn-requestid': requestId() },
    body: JSON.stringify({ __type: code, message, Message: message }),
  };
}

/** JSON protocols send timestamps as epoch seconds. */
export const epoch = (d: Date | string | undefined) => (d === undefined ? undefined : Math.floor(new Date(d).getTime() / 1000));

/** restXml (S3): the output shape's XML name as the root element; list members named by the model (Buckets → Bucket). */
export function restXmlOk(root: string, result: { [k: string]: XmlValue }): WireResponse {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${xml(result, (k) => (k === 'Buckets' ? 'Bucket' : 'member'))}</${root}>`;
  return { status: 200, headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId() }, body };
}

/** restXml (S3) errors: `<Error><Code>` at the root, no wrapper. */
export function restXmlError(status: number, code: string, message: string): WireResponse {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${esc(code)}</Code><Message>${esc(message)}</Message><RequestId>${requestId()}</RequestId></Error>`;
  return { status, headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId() }, body };
}
