-- CreateEnum
CREATE TYPE "AccountKind" AS ENUM ('USER', 'BOT', 'SANDBOX');

-- CreateEnum
CREATE TYPE "AccountState" AS ENUM ('CONNECTING', 'CONNECTED', 'STANDBY', 'NEEDS_LOGIN', 'ERROR', 'DISABLED');

-- CreateTable
CREATE TABLE "TelegramAccount" (
    "id" TEXT NOT NULL,
    "kind" "AccountKind" NOT NULL,
    "label" TEXT NOT NULL,
    "username" TEXT,
    "state" "AccountState" NOT NULL DEFAULT 'CONNECTING',
    "stateDetail" TEXT,
    "stateChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "personaId" UUID,
    "adminTelegramIds" TEXT[],
    "secretCiphertext" BYTEA,
    "secretIv" BYTEA,
    "secretTag" BYTEA,
    "secretKeyId" TEXT,
    "source" TEXT NOT NULL DEFAULT 'app',
    "disabledAt" TIMESTAMP(3),
    "removedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TelegramAccount_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TelegramAccount_removedAt_createdAt_idx" ON "TelegramAccount"("removedAt", "createdAt");

-- AddForeignKey
ALTER TABLE "TelegramAccount" ADD CONSTRAINT "TelegramAccount_personaId_fkey" FOREIGN KEY ("personaId") REFERENCES "Persona"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Existing rows: the default sandbox account, and one account per Telegram account key already in the history
-- (the environment-configured account of the deployment so far). Its kind and secret are filled in when the
-- TELEGRAM_* variables are imported at start; until then it waits for a login.
INSERT INTO "TelegramAccount" ("id", "kind", "label", "state", "adminTelegramIds", "source", "updatedAt")
VALUES ('sandbox', 'SANDBOX', 'Sandbox', 'CONNECTED', '{}', 'app', CURRENT_TIMESTAMP);

INSERT INTO "TelegramAccount" ("id", "kind", "label", "state", "stateDetail", "adminTelegramIds", "source", "updatedAt")
SELECT k.account, 'USER', 'Telegram ' || substr(k.account, 4), 'NEEDS_LOGIN',
       'Found in the history from before accounts were data; connect it again or set the TELEGRAM_* variables.',
       '{}', 'env', CURRENT_TIMESTAMP
FROM (
  SELECT DISTINCT "account" FROM "Contact"
  UNION SELECT "account" FROM "TelegramState"
) AS k
WHERE k.account <> 'sandbox'
ON CONFLICT ("id") DO NOTHING;
