import { createHash, randomBytes } from 'node:crypto';
import { Api, type TelegramClient } from 'telegram';
import { AuthKey } from 'telegram/crypto/AuthKey.js';
import { RPCMessageToError } from 'telegram/errors/index.js';
import { returnBigInt } from 'telegram/Helpers.js';
import type { RequestState } from 'telegram/network/RequestState.js';
import { computeDigest } from 'telegram/Password.js';
import { type ClientFactory, signInClients } from '../../src/adapters/telegram/sign-in.js';

/** Telegram's 2048-bit SRP prime (the one gramjs accepts), with g = 3. */
const PRIME = Buffer.from(
  'c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c3720fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f642477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b',
  'hex',
);
const G = 3n;
const big = (b: Buffer) => BigInt(`0x${b.toString('hex') || '0'}`);
const pad = (n: bigint) => Buffer.from(n.toString(16).padStart(512, '0'), 'hex');
const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
  }
  return result;
}

interface Person {
  user: Api.User;
  password: string | null;
}

const rpcError = (request: Api.AnyRequest, errorCode: number, errorMessage: string) =>
  RPCMessageToError(new Api.RpcError({ errorCode, errorMessage }), request);

/**
 * Telegram's login servers, at the one place gramjs meets the network: its MTProto sender. The real
 * TelegramClient runs above it (connect, invoke with its flood-wait and error handling, signInBot,
 * computeCheck); this answers each request with Telegram's own TL objects and RPC errors. A code is bound
 * to the auth key it was sent to, as on Telegram, so a login resumed over another session fails.
 */
export class FakeTelegramLogin {
  private readonly people = new Map<string, Person>();
  private readonly bots = new Map<string, Api.User>();
  private readonly codes = new Map<string, { phone: string; code: string; key: string; expired: boolean }>();
  /** Auth keys signed in, by key id, to the Telegram id they are signed in as. */
  readonly authorized = new Map<string, string>();
  /** Auth keys past their code, waiting for the 2FA password. */
  private readonly awaitingPassword = new Map<string, string>();
  private readonly srp = new Map<string, { b: bigint; B: bigint; v: bigint; salt1: Buffer; salt2: Buffer }>();
  private nextId = 7000;
  /** The next auth.sendCode is answered FLOOD_WAIT_X with these seconds. */
  floodWait: number | null = null;
  readonly requests: string[] = [];

  addPerson(phone: string, firstName: string, password: string | null = null): Api.User {
    const user = new Api.User({
      id: returnBigInt(this.nextId++),
      accessHash: returnBigInt(11),
      firstName,
      username: firstName.toLowerCase(),
      phone,
    });
    this.people.set(phone, { user, password });
    return user;
  }

  addBot(token: string, username: string): Api.User {
    const user = new Api.User({
      id: returnBigInt(token.split(':')[0]!),
      accessHash: returnBigInt(12),
      bot: true,
      firstName: username,
      username,
    });
    this.bots.set(token, user);
    return user;
  }

  /** The code Telegram sent to this phone last (what the person reads in their Telegram app). */
  codeFor(phone: string): string {
    const entry = [...this.codes.values()].filter((c) => c.phone === phone).at(-1);
    if (!entry) throw new Error(`no code was sent to ${phone}`);
    return entry.code;
  }

  expireCodes(): void {
    for (const c of this.codes.values()) c.expired = true;
  }

  /** Sign-in clients over this fake: gramjs's real client with its sender replaced. */
  clients(): ClientFactory {
    const real = signInClients({ apiId: 1, apiHash: 'hash' });
    return (session) => this.attach(real(session));
  }

  /** Puts this fake under a real gramjs client. */
  attach(client: TelegramClient): TelegramClient {
    client.setLogLevel('none' as never);
    (client as unknown as { _sender: unknown })._sender = new FakeSender(this, client);
    return client;
  }

  async answer(request: Api.AnyRequest, key: string): Promise<unknown> {
    this.requests.push(request.className);
    if (request instanceof Api.InvokeWithLayer || request instanceof Api.PingDelayDisconnect) return true;
    if (request instanceof Api.auth.ImportBotAuthorization) {
      const bot = this.bots.get(request.botAuthToken);
      if (!bot) throw rpcError(request, 400, 'ACCESS_TOKEN_INVALID');
      this.authorized.set(key, bot.id.toString());
      return new Api.auth.Authorization({ user: bot });
    }
    if (request instanceof Api.auth.SendCode) {
      if (this.floodWait !== null) {
        const seconds = this.floodWait;
        this.floodWait = null;
        throw rpcError(request, 420, `FLOOD_WAIT_${seconds}`);
      }
      if (!this.people.has(request.phoneNumber)) throw rpcError(request, 400, 'PHONE_NUMBER_INVALID');
      const phoneCodeHash = randomBytes(8).toString('hex');
      const code = String(10000 + Math.floor(Math.random() * 89999));
      this.codes.set(phoneCodeHash, { phone: request.phoneNumber, code, key, expired: false });
      return new Api.auth.SentCode({ type: new Api.auth.SentCodeTypeApp({ length: 5 }), phoneCodeHash });
    }
    if (request instanceof Api.auth.SignIn) {
      const sent = this.codes.get(request.phoneCodeHash);
      if (!sent || sent.key !== key || sent.phone !== request.phoneNumber || sent.expired) {
        throw rpcError(request, 400, 'PHONE_CODE_EXPIRED');
      }
      if (request.phoneCode !== sent.code) throw rpcError(request, 400, 'PHONE_CODE_INVALID');
      const person = this.people.get(sent.phone)!;
      this.codes.delete(request.phoneCodeHash);
      if (person.password !== null) {
        this.awaitingPassword.set(key, sent.phone);
        throw rpcError(request, 401, 'SESSION_PASSWORD_NEEDED');
      }
      this.authorized.set(key, person.user.id.toString());
      return new Api.auth.Authorization({ user: person.user });
    }
    if (request instanceof Api.account.GetPassword) return this.passwordChallenge(request, key);
    if (request instanceof Api.auth.CheckPassword) return this.checkPassword(request, key);
    if (request instanceof Api.updates.GetState) {
      if (!this.authorized.has(key)) throw rpcError(request, 401, 'AUTH_KEY_UNREGISTERED');
      return new Api.updates.State({ pts: 1, qts: 0, date: Math.floor(Date.now() / 1000), seq: 0, unreadCount: 0 });
    }
    throw new Error(`unexpected request ${request.className}`);
  }

  private async passwordChallenge(request: Api.account.GetPassword, key: string) {
    const phone = this.awaitingPassword.get(key);
    if (!phone) throw rpcError(request, 401, 'AUTH_KEY_UNREGISTERED');
    const password = this.people.get(phone)!.password!;
    const salt1 = randomBytes(40);
    const salt2 = randomBytes(16);
    const algo = new Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow({
      salt1,
      salt2,
      g: Number(G),
      p: PRIME,
    });
    const v = big(await computeDigest(algo, password));
    const p = big(PRIME);
    const k = big(sha256(PRIME, pad(G)));
    const b = big(randomBytes(256)) % p;
    const B = (k * v + modPow(G, b, p)) % p;
    const srpId = returnBigInt(this.nextId++);
    this.srp.set(key, { b, B, v, salt1, salt2 });
    return new Api.account.Password({
      hasPassword: true,
      currentAlgo: algo,
      srp_B: pad(B),
      srpId,
      hint: 'the usual one',
      newAlgo: new Api.PasswordKdfAlgoUnknown(),
      newSecureAlgo: new Api.SecurePasswordKdfAlgoUnknown(),
      secureRandom: randomBytes(32),
    });
  }

  /** The server's half of SRP: the client's proof M1 must match what this side derives from A and v. */
  private checkPassword(request: Api.auth.CheckPassword, key: string) {
    const phone = this.awaitingPassword.get(key);
    const challenge = this.srp.get(key);
    const check = request.password;
    if (!phone || !challenge || !(check instanceof Api.InputCheckPasswordSRP)) {
      throw rpcError(request, 400, 'SRP_ID_INVALID');
    }
    const p = big(PRIME);
    const A = big(check.A);
    const u = big(sha256(pad(A), pad(challenge.B)));
    const S = modPow((A * modPow(challenge.v, u, p)) % p, challenge.b, p);
    const hp = sha256(PRIME);
    const hg = sha256(pad(G));
    const xored = Buffer.from(hp.map((byte, i) => byte ^ hg[i]!));
    const M1 = sha256(
      xored,
      sha256(challenge.salt1),
      sha256(challenge.salt2),
      pad(A),
      pad(challenge.B),
      sha256(pad(S)),
    );
    this.srp.delete(key);
    if (!M1.equals(check.M1)) throw rpcError(request, 400, 'PASSWORD_HASH_INVALID');
    const person = this.people.get(phone)!;
    this.awaitingPassword.delete(key);
    this.authorized.set(key, person.user.id.toString());
    return new Api.auth.Authorization({ user: person.user });
  }
}

/** What gramjs's TelegramClient asks of its MTProtoSender, answered by a fake Telegram. */
class FakeSender {
  authKey = new AuthKey();
  private connected = false;
  userDisconnected = false;
  isReconnecting = false;
  _disconnected = true;

  constructor(
    private readonly telegram: FakeTelegramLogin,
    private readonly client: TelegramClient,
  ) {}

  private get keyId(): string {
    return (this.authKey.getKey() ?? Buffer.alloc(0)).toString('hex').slice(0, 32);
  }

  /** A new session gets a fresh auth key (Telegram's key exchange); a saved one keeps its own. */
  async connect(): Promise<boolean> {
    const saved = this.client.session.getAuthKey();
    if (saved?.getKey()) this.authKey = saved;
    else await this.authKey.setKey(randomBytes(256));
    this.connected = true;
    this._disconnected = false;
    return true;
  }

  isConnected(): boolean {
    return this.connected;
  }

  async send(request: Api.AnyRequest): Promise<unknown> {
    return this.telegram.answer(request, this.keyId);
  }

  addStateToQueue(state: RequestState): void {
    this.telegram.answer(state.request as Api.AnyRequest, this.keyId).then(
      (result) => state.resolve(result),
      (error) => state.reject(error),
    );
  }

  reconnect(): void {}

  async disconnect(): Promise<void> {
    this.connected = false;
    this._disconnected = true;
  }
}
