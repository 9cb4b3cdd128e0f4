using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aerie.Panel.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EggImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Icon",
                table: "Eggs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StartupCommandsJson",
                table: "Eggs",
                type: "text",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "TagsJson",
                table: "Eggs",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "UpdateUrl",
                table: "Eggs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Sort",
                table: "EggVariables",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Icon",
                table: "Eggs");

            migrationBuilder.DropColumn(
                name: "StartupCommandsJson",
                table: "Eggs");

            migrationBuilder.DropColumn(
                name: "TagsJson",
                table: "Eggs");

            migrationBuilder.DropColumn(
                name: "UpdateUrl",
                table: "Eggs");

            migrationBuilder.DropColumn(
                name: "Sort",
                table: "EggVariables");
        }
    }
}
