-- CreateTable
CREATE TABLE "TelegramState" (
    "account" TEXT NOT NULL,
    "pts" INTEGER NOT NULL,
    "qts" INTEGER NOT NULL,
    "date" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TelegramState_pkey" PRIMARY KEY ("account")
);
