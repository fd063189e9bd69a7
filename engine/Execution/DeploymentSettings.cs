using System.Collections.Immutable;
using Kubedos.Engine.Planning;
using Kubedos.Engine.Providers;

namespace Kubedos.Engine.Execution;

/// <summary>What one operation runs with; <c>WorkDir</c> is the project directory the program sees (null: the process's).</summary>
internal sealed record DeploymentSettings(
    string Project,
    string Stack,
    bool DryRun,
    ProviderRegistry Providers,
    TargetSet Targets,
    ImmutableHashSet<string> Replace,
    int Parallel,
    IReadOnlyDictionary<string, string> Config,
    TimeProvider Time,
    string? WorkDir = null);
