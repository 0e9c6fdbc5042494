-- CreateTable
CREATE TABLE "JobFailure" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "jobKey" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "attempts" INTEGER NOT NULL,
    "lastError" TEXT NOT NULL,
    "failedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolution" TEXT,

    CONSTRAINT "JobFailure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JobFailure_resolvedAt_failedAt_idx" ON "JobFailure"("resolvedAt", "failedAt");

-- CreateIndex
CREATE INDEX "JobFailure_jobKey_idx" ON "JobFailure"("jobKey");

-- CreateIndex
CREATE INDEX "JobFailure_subjectId_idx" ON "JobFailure"("subjectId");
