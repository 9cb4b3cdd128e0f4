using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aerie.Panel.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ApplicationModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_Servers",
                table: "Servers");

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "Users",
                type: "TEXT",
                maxLength: 191,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FirstName",
                table: "Users",
                type: "TEXT",
                maxLength: 191,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Users",
                type: "TEXT",
                maxLength: 5,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "LastName",
                table: "Users",
                type: "TEXT",
                maxLength: 191,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "Users",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "Id",
                table: "Servers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0)
                .Annotation("Sqlite:Autoincrement", true);

            migrationBuilder.AddColumn<int>(
                name: "AllocationId",
                table: "Servers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AllocationLimit",
                table: "Servers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BackupLimit",
                table: "Servers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "Servers",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "DatabaseLimit",
                table: "Servers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EggId",
                table: "Servers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "Servers",
                type: "TEXT",
                maxLength: 191,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Io",
                table: "Servers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 500);

            migrationBuilder.AddColumn<bool>(
                name: "OomDisabled",
                table: "Servers",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<long>(
                name: "SwapMb",
                table: "Servers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Threads",
                table: "Servers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "Servers",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<bool>(
                name: "BehindProxy",
                table: "Nodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "Nodes",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "DaemonBase",
                table: "Nodes",
                type: "TEXT",
                nullable: false,
                defaultValue: "/var/lib/aerie/volumes");

            migrationBuilder.AddColumn<int>(
                name: "DaemonListen",
                table: "Nodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 8080);

            migrationBuilder.AddColumn<int>(
                name: "DaemonSftp",
                table: "Nodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 2022);

            migrationBuilder.AddColumn<string>(
                name: "Description",
                table: "Nodes",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "DiskMb",
                table: "Nodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "DiskOverallocate",
                table: "Nodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "LocationId",
                table: "Nodes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MaintenanceMode",
                table: "Nodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "MemoryMb",
                table: "Nodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "MemoryOverallocate",
                table: "Nodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "Public",
                table: "Nodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "Nodes",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "UploadSizeMb",
                table: "Nodes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 100);

            migrationBuilder.AddUniqueConstraint(
                name: "AK_Servers_Uuid",
                table: "Servers",
                column: "Uuid");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Servers",
                table: "Servers",
                column: "Id");

            // Rows from before this migration get a real time rather than year 1.
            migrationBuilder.Sql("UPDATE \"Users\" SET \"UpdatedAt\" = \"CreatedAt\";");
            migrationBuilder.Sql("UPDATE \"Servers\" SET \"CreatedAt\" = strftime('%Y-%m-%d %H:%M:%S', 'now') || '+00:00', \"UpdatedAt\" = strftime('%Y-%m-%d %H:%M:%S', 'now') || '+00:00';");
            migrationBuilder.Sql("UPDATE \"Nodes\" SET \"CreatedAt\" = strftime('%Y-%m-%d %H:%M:%S', 'now') || '+00:00', \"UpdatedAt\" = strftime('%Y-%m-%d %H:%M:%S', 'now') || '+00:00';");

            migrationBuilder.CreateTable(
                name: "Allocations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Ip = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    Alias = table.Column<string>(type: "TEXT", maxLength: 191, nullable: true),
                    Port = table.Column<int>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ServerId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Allocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Allocations_Nodes_NodeId",
                        column: x => x.NodeId,
                        principalTable: "Nodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Allocations_Servers_ServerId",
                        column: x => x.ServerId,
                        principalTable: "Servers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "Locations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Short = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Long = table.Column<string>(type: "TEXT", maxLength: 191, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Locations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Nests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    Author = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Nests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Eggs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Uuid = table.Column<Guid>(type: "TEXT", nullable: false),
                    NestId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Author = table.Column<string>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    DockerImagesJson = table.Column<string>(type: "TEXT", nullable: false),
                    Startup = table.Column<string>(type: "TEXT", nullable: false),
                    ConfigFilesJson = table.Column<string>(type: "TEXT", nullable: false),
                    ConfigStartupJson = table.Column<string>(type: "TEXT", nullable: false),
                    ConfigStop = table.Column<string>(type: "TEXT", nullable: false),
                    ConfigLogsJson = table.Column<string>(type: "TEXT", nullable: false),
                    FileDenylistJson = table.Column<string>(type: "TEXT", nullable: false),
                    ConfigFromId = table.Column<int>(type: "INTEGER", nullable: true),
                    ScriptPrivileged = table.Column<bool>(type: "INTEGER", nullable: false),
                    ScriptInstall = table.Column<string>(type: "TEXT", nullable: false),
                    ScriptEntry = table.Column<string>(type: "TEXT", nullable: false),
                    ScriptContainer = table.Column<string>(type: "TEXT", nullable: false),
                    CopyScriptFromId = table.Column<int>(type: "INTEGER", nullable: true),
                    FeaturesJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Eggs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Eggs_Nests_NestId",
                        column: x => x.NestId,
                        principalTable: "Nests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EggVariables",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EggId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    EnvVariable = table.Column<string>(type: "TEXT", nullable: false),
                    DefaultValue = table.Column<string>(type: "TEXT", nullable: false),
                    UserViewable = table.Column<bool>(type: "INTEGER", nullable: false),
                    UserEditable = table.Column<bool>(type: "INTEGER", nullable: false),
                    Rules = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EggVariables", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EggVariables_Eggs_EggId",
                        column: x => x.EggId,
                        principalTable: "Eggs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServerVariables",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ServerId = table.Column<int>(type: "INTEGER", nullable: false),
                    VariableId = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServerVariables", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServerVariables_EggVariables_VariableId",
                        column: x => x.VariableId,
                        principalTable: "EggVariables",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ServerVariables_Servers_ServerId",
                        column: x => x.ServerId,
                        principalTable: "Servers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Users_ExternalId",
                table: "Users",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Servers_AllocationId",
                table: "Servers",
                column: "AllocationId");

            migrationBuilder.CreateIndex(
                name: "IX_Servers_EggId",
                table: "Servers",
                column: "EggId");

            migrationBuilder.CreateIndex(
                name: "IX_Servers_ExternalId",
                table: "Servers",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Nodes_LocationId",
                table: "Nodes",
                column: "LocationId");

            migrationBuilder.CreateIndex(
                name: "IX_Allocations_NodeId_Ip_Port",
                table: "Allocations",
                columns: new[] { "NodeId", "Ip", "Port" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Allocations_ServerId",
                table: "Allocations",
                column: "ServerId");

            migrationBuilder.CreateIndex(
                name: "IX_EggVariables_EggId_EnvVariable",
                table: "EggVariables",
                columns: new[] { "EggId", "EnvVariable" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Eggs_NestId_Uuid",
                table: "Eggs",
                columns: new[] { "NestId", "Uuid" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Locations_Short",
                table: "Locations",
                column: "Short",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Nests_Uuid",
                table: "Nests",
                column: "Uuid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServerVariables_ServerId_VariableId",
                table: "ServerVariables",
                columns: new[] { "ServerId", "VariableId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServerVariables_VariableId",
                table: "ServerVariables",
                column: "VariableId");

            migrationBuilder.AddForeignKey(
                name: "FK_Nodes_Locations_LocationId",
                table: "Nodes",
                column: "LocationId",
                principalTable: "Locations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Servers_Allocations_AllocationId",
                table: "Servers",
                column: "AllocationId",
                principalTable: "Allocations",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Servers_Eggs_EggId",
                table: "Servers",
                column: "EggId",
                principalTable: "Eggs",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Nodes_Locations_LocationId",
                table: "Nodes");

            migrationBuilder.DropForeignKey(
                name: "FK_Servers_Allocations_AllocationId",
                table: "Servers");

            migrationBuilder.DropForeignKey(
                name: "FK_Servers_Eggs_EggId",
                table: "Servers");

            migrationBuilder.DropTable(
                name: "Allocations");

            migrationBuilder.DropTable(
                name: "Locations");

            migrationBuilder.DropTable(
                name: "ServerVariables");

            migrationBuilder.DropTable(
                name: "EggVariables");

            migrationBuilder.DropTable(
                name: "Eggs");

            migrationBuilder.DropTable(
                name: "Nests");

            migrationBuilder.DropIndex(
                name: "IX_Users_ExternalId",
                table: "Users");

            migrationBuilder.DropUniqueConstraint(
                name: "AK_Servers_Uuid",
                table: "Servers");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Servers",
                table: "Servers");

            migrationBuilder.DropIndex(
                name: "IX_Servers_AllocationId",
                table: "Servers");

            migrationBuilder.DropIndex(
                name: "IX_Servers_EggId",
                table: "Servers");

            migrationBuilder.DropIndex(
                name: "IX_Servers_ExternalId",
                table: "Servers");

            migrationBuilder.DropIndex(
                name: "IX_Nodes_LocationId",
                table: "Nodes");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "FirstName",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "LastName",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "Id",
                table: "Servers");

            migrationBuilder.DropColumn(
                name: "AllocationId",
                table: "Servers");

            migrationBuilder.DropColumn(
                name: "AllocationLimit",
                table: "Servers");

            migrationBuilder.DropColumn(
                name: "BackupLimit",
                table: "Servers");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "Servers");

            migrationBuilder.DropColumn(
                name: "DatabaseLimit",
                table: "Servers");

            migrationBuilder.DropColumn(
                name: "EggId",
                table: "Servers");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "Servers");

            migrationBuilder.DropColumn(
                name: "Io",
                table: "Servers");

            migrationBuilder.DropColumn(
                name: "OomDisabled",
                table: "Servers");

            migrationBuilder.DropColumn(
                name: "SwapMb",
                table: "Servers");

            migrationBuilder.DropColumn(
                name: "Threads",
                table: "Servers");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Servers");

            migrationBuilder.DropColumn(
                name: "BehindProxy",
                table: "Nodes");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "Nodes");

            migrationBuilder.DropColumn(
                name: "DaemonBase",
                table: "Nodes");

            migrationBuilder.DropColumn(
                name: "DaemonListen",
                table: "Nodes");

            migrationBuilder.DropColumn(
                name: "DaemonSftp",
                table: "Nodes");

            migrationBuilder.DropColumn(
                name: "Description",
                table: "Nodes");

            migrationBuilder.DropColumn(
                name: "DiskMb",
                table: "Nodes");

            migrationBuilder.DropColumn(
                name: "DiskOverallocate",
                table: "Nodes");

            migrationBuilder.DropColumn(
                name: "LocationId",
                table: "Nodes");

            migrationBuilder.DropColumn(
                name: "MaintenanceMode",
                table: "Nodes");

            migrationBuilder.DropColumn(
                name: "MemoryMb",
                table: "Nodes");

            migrationBuilder.DropColumn(
                name: "MemoryOverallocate",
                table: "Nodes");

            migrationBuilder.DropColumn(
                name: "Public",
                table: "Nodes");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Nodes");

            migrationBuilder.DropColumn(
                name: "UploadSizeMb",
                table: "Nodes");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Servers",
                table: "Servers",
                column: "Uuid");
        }
    }
}
