using Kubedos.Engine.Model;

namespace Kubedos.Infra.Tests.Cli;

/// <summary>A resource of a contract type (policies/README.md) with the inputs a policy reads.</summary>
internal sealed class PolicyCheckStandIn(string type, string name, PolicyCheckStandInArgs args, ResourceOptions? options = null)
    : CustomResource(type, name, args, options);
