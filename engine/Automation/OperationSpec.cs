using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Execution;
using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;
using Kubedos.Engine.Secrets;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Automation;

/// <summary>One operation to run against a stack.</summary>
internal sealed record OperationSpec(
    UpdateKind Kind,
    DeploymentSettings Settings,
    Func<Task<(Stack Stack, IReadOnlyDictionary<string, object?> Outputs)>>? Program,
    Action<EngineEvent>? OnEvent,
    ISecretsProvider? Secrets,
    Func<SecretsProviderState?> SecretsState,
    Func<CancellationToken, Task<IAsyncDisposable>>? Lock,
    IReadOnlyDictionary<string, string> PreludeConfig,
    bool TargetDependents,
    PolicyEvaluator? Policies = null,
    bool RefreshFirst = false);
