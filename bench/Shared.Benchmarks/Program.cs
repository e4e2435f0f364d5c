using BenchmarkDotNet.Running;

namespace SimpleImGateway.Benchmarks
{
    /// <summary>Runs the benchmarks: <c>dotnet run -c Release --project bench/Shared.Benchmarks -- --filter '*'</c>.</summary>
    public static class Program
    {
        public static void Main(string[] args)
        {
            System.Console.WriteLine($"MESSAGE sample: {SampleMessages.Message.Length} octets");
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        }
    }
}
