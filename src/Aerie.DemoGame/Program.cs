Console.WriteLine("demo game placeholder");
