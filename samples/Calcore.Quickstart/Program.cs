using System;

Console.WriteLine("Calcore quickstart");
