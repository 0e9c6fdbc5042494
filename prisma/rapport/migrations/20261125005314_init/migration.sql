-- CreateTable
CREATE TABLE "UserProfile" (
    "contactId" UUID NOT NULL,
    "displayName" TEXT NOT NULL,
    "language" TEXT,
    "summary" TEXT NOT NULL DEFAULT '',
    "turnCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UserProfile_pkey" PRIMARY KEY ("contactId")
);

-- CreateTable
CREATE TABLE "UserPreference" (
    "id" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL DEFAULT 0.5,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UserPreference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmotionalState" (
    "id" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "emotion" TEXT NOT NULL,
    "intensity" DOUBLE PRECISION NOT NULL,
    "observedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmotionalState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationSnapshot" (
    "id" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "summary" TEXT NOT NULL,
    "turnCount" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConversationSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InteractionPattern" (
    "id" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "pattern" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InteractionPattern_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemoryTurn" (
    "id" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "draftId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MemoryTurn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonalizationCache" (
    "contactId" UUID NOT NULL,
    "context" JSONB NOT NULL,
    "sizeBytes" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PersonalizationCache_pkey" PRIMARY KEY ("contactId")
);

-- CreateIndex
CREATE UNIQUE INDEX "UserPreference_contactId_key_key" ON "UserPreference"("contactId", "key");

-- CreateIndex
CREATE INDEX "EmotionalState_contactId_observedAt_idx" ON "EmotionalState"("contactId", "observedAt");

-- CreateIndex
CREATE INDEX "ConversationSnapshot_contactId_createdAt_idx" ON "ConversationSnapshot"("contactId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "InteractionPattern_contactId_pattern_key" ON "InteractionPattern"("contactId", "pattern");

-- CreateIndex
CREATE INDEX "MemoryTurn_contactId_createdAt_idx" ON "MemoryTurn"("contactId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "MemoryTurn_contactId_role_draftId_key" ON "MemoryTurn"("contactId", "role", "draftId");

-- AddForeignKey
ALTER TABLE "UserPreference" ADD CONSTRAINT "UserPreference_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "UserProfile"("contactId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmotionalState" ADD CONSTRAINT "EmotionalState_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "UserProfile"("contactId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationSnapshot" ADD CONSTRAINT "ConversationSnapshot_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "UserProfile"("contactId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InteractionPattern" ADD CONSTRAINT "InteractionPattern_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "UserProfile"("contactId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemoryTurn" ADD CONSTRAINT "MemoryTurn_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "UserProfile"("contactId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonalizationCache" ADD CONSTRAINT "PersonalizationCache_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "UserProfile"("contactId") ON DELETE CASCADE ON UPDATE CASCADE;
