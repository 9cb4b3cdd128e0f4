using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aerie.Panel.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutboxServerUuid : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ServerUuid",
                table: "Outbox",
                type: "uuid",
                nullable: true);

            // edited: backfill the rows still queued (they carried the server only in the path or body).
            migrationBuilder.Sql("""
                UPDATE "Outbox" SET "ServerUuid" = CAST(substring("Path" from 14 for 36) AS uuid)
                WHERE "Path" ~ '^/api/servers/[0-9a-fA-F-]{36}(/|$)';
                UPDATE "Outbox" SET "ServerUuid" = CAST("BodyJson"::jsonb ->> 'uuid' AS uuid)
                WHERE "Path" = '/api/servers' AND ("BodyJson"::jsonb ->> 'uuid') ~ '^[0-9a-fA-F-]{36}$';
                UPDATE "Outbox" SET "ServerUuid" = CAST("BodyJson"::jsonb -> 'servers' ->> 0 AS uuid)
                WHERE "Path" = '/api/deauthorize-user' AND jsonb_typeof("BodyJson"::jsonb -> 'servers') = 'array'
                  AND jsonb_array_length("BodyJson"::jsonb -> 'servers') = 1
                  AND ("BodyJson"::jsonb -> 'servers' ->> 0) ~ '^[0-9a-fA-F-]{36}$';
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_ServerUuid",
                table: "Outbox",
                column: "ServerUuid");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_ServerUuid",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ServerUuid",
                table: "Outbox");
        }
    }
}
