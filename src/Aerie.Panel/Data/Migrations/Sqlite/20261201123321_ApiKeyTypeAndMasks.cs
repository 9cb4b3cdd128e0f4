using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aerie.Panel.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ApiKeyTypeAndMasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every key before this migration is a client (account) key.
            migrationBuilder.AddColumn<int>(
                name: "KeyType",
                table: "ApiKeys",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "RAllocations",
                table: "ApiKeys",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RDatabaseHosts",
                table: "ApiKeys",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "REggs",
                table: "ApiKeys",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RLocations",
                table: "ApiKeys",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RNests",
                table: "ApiKeys",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RNodes",
                table: "ApiKeys",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RServerDatabases",
                table: "ApiKeys",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RServers",
                table: "ApiKeys",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RUsers",
                table: "ApiKeys",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "KeyType",
                table: "ApiKeys");

            migrationBuilder.DropColumn(
                name: "RAllocations",
                table: "ApiKeys");

            migrationBuilder.DropColumn(
                name: "RDatabaseHosts",
                table: "ApiKeys");

            migrationBuilder.DropColumn(
                name: "REggs",
                table: "ApiKeys");

            migrationBuilder.DropColumn(
                name: "RLocations",
                table: "ApiKeys");

            migrationBuilder.DropColumn(
                name: "RNests",
                table: "ApiKeys");

            migrationBuilder.DropColumn(
                name: "RNodes",
                table: "ApiKeys");

            migrationBuilder.DropColumn(
                name: "RServerDatabases",
                table: "ApiKeys");

            migrationBuilder.DropColumn(
                name: "RServers",
                table: "ApiKeys");

            migrationBuilder.DropColumn(
                name: "RUsers",
                table: "ApiKeys");
        }
    }
}
