// Handlers that see only params that passed their check. A bad request is
// answered with InvalidParams naming the field; a bad notification is dropped
// with one warning line. Handlers are registered by method name, so that the
// JSON-RPC layer does not log its own complaint about absent params first.
import { ErrorCodes, ResponseError, type CancellationToken, type Connection, type Disposable, type HandlerResult, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { InvalidParams, type Check } from './check';
import { didChangeParams, didCloseParams, didOpenParams, didSaveParams, willSaveParams } from './params';

/** JSON-RPC spreads positional params over the handler's arguments; put them back together. */
const paramsOf = (args: unknown[]): unknown => (args.length === 0 ? undefined : args.length === 1 ? args[0] : args);

function checked<P>(check: Check<P>, raw: unknown): P | InvalidParams {
  try {
    return check(raw, 'params');
  } catch (e) {
    if (e instanceof InvalidParams) return e;
    throw e;
  }
}

export function onCheckedRequest<P, R>(connection: Connection, method: string, check: Check<P>, handler: (params: P, token: CancellationToken) => HandlerResult<R, void>): Disposable {
  return connection.onRequest(method, (...args: unknown[]) => {
    // The last argument is always the cancellation token.
    const token = args[args.length - 1] as CancellationToken;
    const params = checked(check, paramsOf(args.slice(0, -1)));
    if (params instanceof InvalidParams) return new ResponseError(ErrorCodes.InvalidParams, `Invalid params for ${method}: ${params.message}`);
    return handler(params, token);
  });
}

export function onCheckedNotification<P>(connection: Connection, method: string, check: Check<P>, handler: (params: P) => void): Disposable {
  return connection.onNotification(method, (...args: unknown[]) => {
    const params = checked(check, paramsOf(args));
    if (params instanceof InvalidParams) connection.console.warn(`Zuul: ignoring ${method}: ${params.message}`);
    else handler(params);
  });
}

type DocumentConnection = Parameters<TextDocuments<TextDocument>['listen']>[0];

/** What TextDocuments.listen() registers on, with every event checked first. */
export function checkedDocumentEvents(connection: Connection): DocumentConnection {
  return {
    onDidOpenTextDocument: (h) => onCheckedNotification(connection, 'textDocument/didOpen', didOpenParams, h),
    onDidChangeTextDocument: (h) => onCheckedNotification(connection, 'textDocument/didChange', didChangeParams, h),
    onDidCloseTextDocument: (h) => onCheckedNotification(connection, 'textDocument/didClose', didCloseParams, h),
    onWillSaveTextDocument: (h) => onCheckedNotification(connection, 'textDocument/willSave', willSaveParams, h),
    onWillSaveTextDocumentWaitUntil: (h) => onCheckedRequest(connection, 'textDocument/willSaveWaitUntil', willSaveParams, h),
    onDidSaveTextDocument: (h) => onCheckedNotification(connection, 'textDocument/didSave', didSaveParams, h),
  };
}
