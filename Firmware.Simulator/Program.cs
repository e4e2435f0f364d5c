namespace SimpleImGateway.Firmware.Simulator;

/// <summary>Entry point: <c>dotnet run --project Firmware.Simulator -- --server 127.0.0.1:5060 --user bob --password PW --data-dir DIR</c>.</summary>
public static class Program
{
    /// <summary>Exit status when the arguments are wrong.</summary>
    public const int BadArguments = 2;

    /// <summary>Runs the simulator; returns 0, 1 (could not start), 2 (bad arguments) or 3 (an expect failed).</summary>
    public static int Main(string[] args)
    {
        SimulatorOptions options;
        try
        {
            options = SimulatorOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            Console.Error.WriteLine(SimulatorOptions.Usage);
            return BadArguments;
        }

        var output = new Output(Console.Out);
        return new DeviceSimulator(options, output).Run();
    }
}
