-- CreateTable
CREATE TABLE "DownloadTicket" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "imageIds" UUID[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "DownloadTicket_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DownloadTicket_userId_expiresAt_idx" ON "DownloadTicket"("userId", "expiresAt");

-- AddForeignKey
ALTER TABLE "DownloadTicket" ADD CONSTRAINT "DownloadTicket_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
