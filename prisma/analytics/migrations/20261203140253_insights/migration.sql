-- AlterTable
ALTER TABLE "Draft" ADD COLUMN     "editDistance" DOUBLE PRECISION,
ADD COLUMN     "firstClaimedAt" TIMESTAMP(3),
ADD COLUMN     "pendingAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "DraftContext" (
    "draftId" UUID NOT NULL,
    "snapshot" JSONB NOT NULL,

    CONSTRAINT "DraftContext_pkey" PRIMARY KEY ("draftId")
);

-- CreateTable
CREATE TABLE "ReviewDay" (
    "id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "reviewerId" UUID,
    "approved" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "edited" INTEGER NOT NULL,
    "editDistanceSum" DOUBLE PRECISION NOT NULL,
    "editDistanceCount" INTEGER NOT NULL,
    "messages" INTEGER NOT NULL,
    "llmCalls" INTEGER NOT NULL,
    "llmTokens" BIGINT NOT NULL,
    "llmCostUsd" DECIMAL(16,6) NOT NULL,
    "reviewSeconds" BYTEA NOT NULL,
    "waitSeconds" BYTEA NOT NULL,

    CONSTRAINT "ReviewDay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatsDay" (
    "day" DATE NOT NULL,
    "llmCalls" INTEGER NOT NULL,
    "llmTokens" BIGINT NOT NULL,
    "llmCostUsd" DECIMAL(16,6) NOT NULL,
    "builtAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatsDay_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "ReviewDay_day_reviewerId_idx" ON "ReviewDay"("day", "reviewerId");

-- CreateIndex
CREATE INDEX "AuditEntry_createdAt_id_idx" ON "AuditEntry"("createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "AuditEntry_reviewerId_createdAt_idx" ON "AuditEntry"("reviewerId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEntry_subjectId_idx" ON "AuditEntry"("subjectId");

-- CreateIndex
CREATE INDEX "Draft_reviewedAt_id_idx" ON "Draft"("reviewedAt", "id");

-- CreateIndex
CREATE INDEX "Draft_firstClaimedAt_idx" ON "Draft"("firstClaimedAt");

-- CreateIndex
CREATE INDEX "LlmCall_draftId_idx" ON "LlmCall"("draftId");

-- CreateIndex
CREATE INDEX "LlmCall_createdAt_idx" ON "LlmCall"("createdAt");

-- CreateIndex
CREATE INDEX "LtvPayment_createdAt_idx" ON "LtvPayment"("createdAt");

-- CreateIndex
CREATE INDEX "StatusChange_createdAt_idx" ON "StatusChange"("createdAt");

-- AddForeignKey
ALTER TABLE "DraftContext" ADD CONSTRAINT "DraftContext_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- The first claim of a draft: every later claim overwrites claimedAt, so its first value is kept here, for
-- whichever code path claims (claimDraft, approve with claim, a redraft created claimed).
CREATE FUNCTION "draft_first_claim"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."firstClaimedAt" IS NULL THEN
    NEW."firstClaimedAt" := NEW."claimedAt";
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Draft_first_claim" BEFORE INSERT OR UPDATE OF "claimedAt" ON "Draft"
  FOR EACH ROW EXECUTE FUNCTION "draft_first_claim"();

UPDATE "Draft" SET "firstClaimedAt" = "claimedAt" WHERE "claimedAt" IS NOT NULL;

-- The audit table is append-only. The one change allowed is an erase's anonymisation: the subject goes (set
-- to NULL) and the detail may lose keys; the actor may go when a reviewer row is deleted (the foreign key).
CREATE FUNCTION "audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'AuditEntry is append-only: entries are never deleted';
  END IF;
  IF NEW."id" <> OLD."id" OR NEW."action" <> OLD."action" OR NEW."createdAt" <> OLD."createdAt"
     OR (NEW."reviewerId" IS DISTINCT FROM OLD."reviewerId" AND NEW."reviewerId" IS NOT NULL)
     OR (NEW."subjectId" IS DISTINCT FROM OLD."subjectId" AND NEW."subjectId" IS NOT NULL)
     OR NOT (COALESCE(OLD."detail", '{}'::jsonb) @> COALESCE(NEW."detail", '{}'::jsonb)) THEN
    RAISE EXCEPTION 'AuditEntry is append-only: only an erase may anonymise an entry';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "AuditEntry_append_only" BEFORE UPDATE OR DELETE ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION "audit_append_only"();
