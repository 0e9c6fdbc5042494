-- CreateTable
CREATE TABLE "TelegramLogin" (
    "id" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "phoneCodeHash" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "codeVia" TEXT NOT NULL,
    "passwordHint" TEXT,
    "secretCiphertext" BYTEA NOT NULL,
    "secretIv" BYTEA NOT NULL,
    "secretTag" BYTEA NOT NULL,
    "secretKeyId" TEXT NOT NULL,
    "startedById" UUID NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TelegramLogin_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TelegramLogin_expiresAt_idx" ON "TelegramLogin"("expiresAt");
