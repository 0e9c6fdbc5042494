-- CreateEnum
CREATE TYPE "Stance" AS ENUM ('LIKES', 'DISLIKES');

-- DropIndex
DROP INDEX "UserPreference_contactId_key_key";

-- AlterTable: existing readings keep their emotion as the label (valence unknown: neutral).
ALTER TABLE "EmotionalState" RENAME COLUMN "emotion" TO "label";
ALTER TABLE "EmotionalState" ADD COLUMN     "draftId" UUID,
ADD COLUMN     "valence" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- AlterTable: an existing key/value preference becomes the topic "key: value" (still unique per person), a liking
-- last seen when it was last written.
ALTER TABLE "UserPreference" ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "evidence" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "pinned" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "stance" "Stance" NOT NULL DEFAULT 'LIKES',
ADD COLUMN     "topic" TEXT;
UPDATE "UserPreference" SET "topic" = CASE WHEN "value" <> '' THEN "key" || ': ' || "value" ELSE "key" END,
  "lastSeenAt" = "updatedAt", "createdAt" = "updatedAt";
ALTER TABLE "UserPreference" ALTER COLUMN "topic" SET NOT NULL, DROP COLUMN "key", DROP COLUMN "value";

-- AlterTable
ALTER TABLE "UserProfile" ADD COLUMN     "profiledAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "InteractionStyle" (
    "contactId" UUID NOT NULL,
    "messages" INTEGER NOT NULL DEFAULT 0,
    "totalLength" INTEGER NOT NULL DEFAULT 0,
    "emojiMessages" INTEGER NOT NULL DEFAULT 0,
    "questions" INTEGER NOT NULL DEFAULT 0,
    "formalitySum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "formalityCount" INTEGER NOT NULL DEFAULT 0,
    "replySeconds" INTEGER[],
    "hourCounts" INTEGER[],
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InteractionStyle_pkey" PRIMARY KEY ("contactId")
);

-- CreateTable
CREATE TABLE "ProfileExtraction" (
    "messageId" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "draftId" UUID NOT NULL,
    "extractor" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProfileExtraction_pkey" PRIMARY KEY ("messageId")
);

-- CreateIndex
CREATE INDEX "ProfileExtraction_contactId_idx" ON "ProfileExtraction"("contactId");

-- CreateIndex
CREATE UNIQUE INDEX "EmotionalState_contactId_draftId_key" ON "EmotionalState"("contactId", "draftId");

-- CreateIndex
CREATE UNIQUE INDEX "UserPreference_contactId_topic_key" ON "UserPreference"("contactId", "topic");

-- AddForeignKey
ALTER TABLE "InteractionStyle" ADD CONSTRAINT "InteractionStyle_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "UserProfile"("contactId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProfileExtraction" ADD CONSTRAINT "ProfileExtraction_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "UserProfile"("contactId") ON DELETE CASCADE ON UPDATE CASCADE;
