using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aerie.Panel.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            // edited: backfill the rows still queued (they carried the server only in the path or body).
            // Uppercase text is how EF Core's SQLite provider stores a Guid.
            migrationBuilder.Sql("""
                UPDATE "Outbox" SET "ServerUuid" = upper(substr("Path", 14, 36))
                WHERE "Path" LIKE '/api/servers/%' AND (length("Path") = 49 OR substr("Path", 50, 1) = '/');
                UPDATE "Outbox" SET "ServerUuid" = upper(json_extract("BodyJson", '$.uuid'))
                WHERE "Path" = '/api/servers' AND json_valid("BodyJson") AND length(json_extract("BodyJson", '$.uuid')) = 36;
                UPDATE "Outbox" SET "ServerUuid" = upper(json_extract("BodyJson", '$.servers[0]'))
                WHERE "Path" = '/api/deauthorize-user' AND json_valid("BodyJson") AND json_array_length("BodyJson", '$.servers') = 1
                  AND length(json_extract("BodyJson", '$.servers[0]')) = 36;
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
