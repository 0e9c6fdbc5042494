-- CreateIndex
CREATE INDEX "Contact_telegramUserId_idx" ON "Contact"("telegramUserId");

-- Full-text search of people (server/src/contacts/search.ts): the 'simple' configuration lower-cases words and
-- keeps them whole, whatever the language, so names and messages in any language match by prefix. Expression
-- indexes, because Prisma's schema cannot describe a tsvector column; the queries repeat these expressions.
CREATE INDEX "Contact_search_idx" ON "Contact" USING GIN (to_tsvector('simple'::regconfig, "displayName" || ' ' || coalesce("username", '')));

CREATE INDEX "Message_search_idx" ON "Message" USING GIN (to_tsvector('simple'::regconfig, "text"));
