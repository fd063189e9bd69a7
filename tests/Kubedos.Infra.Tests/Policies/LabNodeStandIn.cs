using Kubedos.Engine.Model;

namespace Kubedos.Infra.Tests.Policies;

/// <summary>A <c>local:lab:Node</c> registration with only its <c>name</c> input (the input the policies read).</summary>
internal sealed class LabNodeStandIn(string name, ResourceOptions options)
    : CustomResource("local:lab:Node", name, new LabNodeStandInArgs { Name = name }, options);
