using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Calcore.Benchmarks.BenchmarkConfig).Assembly).Run(args);
