/** The invite-code rule, shared by the server (account.bindInvite, admin codes) and the 绑定身份 form. No dependencies. */
export const INVITE_CODE_RE = /^[A-Z0-9]{8}$/;
export const INVITE_CODE_MESSAGE = '邀请码格式不正确（8位大写字母或数字）';
