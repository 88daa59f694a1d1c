/** Errors in the cloud's reply shape `{ code, message }`; the SDK maps `code` to its errCode. */
export class CloudError extends Error {
  constructor(
    public code: string,
    message: string,
    public httpStatus = 200,
  ) {
    super(message);
  }
  toReply(requestId: string): { code: string; message: string; requestId: string } {
    return { code: this.code, message: this.message, requestId };
  }
}

export const Codes = {
  INVALID_PARAM: 'INVALID_PARAM',
  SYS_ERR: 'SYS_ERR',
  DATABASE_REQUEST_FAILED: 'DATABASE_REQUEST_FAILED',
  DATABASE_COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
  DATABASE_TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  STORAGE_FILE_NONEXIST: 'STORAGE_FILE_NONEXIST',
  STORAGE_REQUEST_FAIL: 'STORAGE_REQUEST_FAIL',
  STORAGE_SIGN_PARAM_INVALID: 'STORAGE_SIGN_PARAM_INVALID',
  FUNCTIONS_REQUEST_FAIL: 'FUNCTIONS_REQUEST_FAIL',
  FUNCTIONS_EXECUTE_FAIL: 'FUNCTIONS_EXECUTE_FAIL',
} as const;

export const collectionNotExist = (coll: string) =>
  new CloudError(Codes.DATABASE_COLLECTION_NOT_EXIST, `Db or Table not exist: ${coll}. (local cloud: declare it in config/cloud/database.json or call store.createCollection)`);

export const transactionConflict = (detail: string) =>
  new CloudError(Codes.DATABASE_TRANSACTION_CONFLICT, `[WriteConflict] transaction conflict: ${detail}`);
