using Aerie.DemoGame;

// A stand-in game server: a Minecraft-like console on stdin/stdout (see docs/demo-game.md).
var options = DemoOptions.FromEnvironment(Environment.GetEnvironmentVariable);
using var output = new GameConsole(Console.OpenStandardOutput(), TimeProvider.System);
var game = new DemoServer(options, output, Console.In, TimeProvider.System);
return await game.RunAsync();
