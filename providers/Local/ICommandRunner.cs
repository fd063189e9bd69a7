namespace Kubedos.Providers.Local;

/// <summary>Runs host programs (ip, nft, nsenter...): the seam lab tests replace with a fake.</summary>
public interface ICommandRunner
{
    /// <summary>Runs the command to completion (or its time limit) and returns what it printed.</summary>
    /// <exception cref="LabCommandException">The program could not be started.</exception>
    Task<ProcessResult> RunAsync(HostCommand command, CancellationToken cancellationToken);
}
