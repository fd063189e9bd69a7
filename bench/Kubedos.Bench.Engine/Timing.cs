using System.Diagnostics;

namespace Kubedos.Bench.Engine;

/// <summary>One operation's wall time and the CPU time the whole process spent meanwhile (less sensitive to a shared machine's load).</summary>
internal sealed record Timing(string Operation, TimeSpan Wall, TimeSpan Cpu)
{
    public static TimeSpan ProcessCpu() => Process.GetCurrentProcess().TotalProcessorTime;
}
