using System.Collections.Immutable;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Model;
using Kubedos.Engine.Planning;
using Kubedos.Engine.Providers;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Execution;

/// <summary>Runs the step of one registered resource: check, diff, decide, then create/update/replace through its provider.</summary>
internal sealed class ResourceSteps(DeploymentRun run)
{
    public async Task<RegistrationResult> RunCustomAsync(ResourceRegistration reg, SerializedInputs inputs, ImmutableArray<Urn> dependencies)
    {
        var urn = reg.Urn;
        var options = reg.Options;
        var settings = run.Settings;
        run.Old.TryGetValue(urn, out var old);
        var dependencyUrns = reg.Resource.Parent is { } p ? dependencies.Add(p.ResourceUrn) : dependencies;
        if (!settings.Targets.Includes(urn, dependencyUrns))
        {
            if (old is not null)
            {
                return new RegistrationResult(old.Id, old.Outputs);
            }

            run.Warn(urn, "not created: it is not targeted (add it with --target, or use --target-dependents)");
            return new RegistrationResult(string.Empty, PropertyMap.Empty);
        }

        var (provider, providerRef) = settings.Providers.Resolve(settings.Stack, settings.Project, reg.Type, options.Provider);
        var check = await provider.CheckAsync(new CheckRequest(urn, reg.Type, old?.Inputs, inputs.Inputs), run.CancellationToken);
        if (check.Failures.Count > 0)
        {
            throw new StepFailedException(string.Join("; ", check.Failures.Select(f => f.Property.Length == 0 ? f.Reason : $"property '{f.Property}': {f.Reason}")));
        }

        var newInputs = old is null ? check.Inputs : StepGenerator.ApplyIgnoreChanges(old.Inputs, check.Inputs, options.IgnoreChanges);
        if (!run.DryRun && newInputs.ContainsUnknowns)
        {
            var unknown = newInputs.Where(kv => kv.Value.ContainsUnknowns).Select(kv => kv.Key);
            throw new StepFailedException($"input(s) {string.Join(", ", unknown)} are unknown: they come from a resource that was not created (is it targeted?)");
        }

        var now = run.Now;
        var goal = new ResourceState(urn, reg.Type, Custom: true)
        {
            Inputs = newInputs,
            Parent = reg.Resource.Parent?.ResourceUrn,
            Protect = options.Protect,
            RetainOnDelete = options.RetainOnDelete,
            Dependencies = dependencies,
            PropertyDependencies = inputs.PropertyDependencies.ToImmutableSortedDictionary(
                kv => kv.Key, kv => kv.Value.Select(r => r.ResourceUrn).Distinct().OrderBy(u => u.Value, StringComparer.Ordinal).ToImmutableArray(), StringComparer.Ordinal),
            Provider = providerRef,
            CustomTimeouts = options.CustomTimeouts,
            Created = old?.Created ?? now,
            Modified = now,
            IgnoreChanges = [.. options.IgnoreChanges],
            ReplaceOnChanges = [.. options.ReplaceOnChanges],
            AdditionalSecretOutputs = [.. options.AdditionalSecretOutputs],
            SourcePosition = options.SourcePosition,
        };

        if (old is null)
        {
            run.Plan?.Registered(StepKind.Create, null, goal, []);
            return await CreateAsync(reg, provider, goal, StepDecision.Create, StepKind.Create);
        }

        var diff = await provider.DiffAsync(new DiffRequest(urn, reg.Type, old.Id ?? string.Empty, old.Inputs, old.Outputs, newInputs), run.CancellationToken);
        var decision = StepGenerator.Decide(
            diff,
            options.ReplaceOnChanges,
            forceReplace: settings.Replace.Contains(urn.Value),
            providerChanged: old.Provider is not null && old.Provider != providerRef,
            options.DeleteBeforeReplace);
        run.Plan?.Registered(decision.Kind, old, goal, [.. decision.ReplaceReasons.Select(r => r.Property)]);
        return decision.Kind switch
        {
            StepKind.Same => await SameAsync(reg, old, goal),
            StepKind.Update => await UpdateAsync(reg, provider, old, goal, decision),
            _ => await ReplaceAsync(reg, provider, old, goal, decision),
        };
    }

    private async Task<RegistrationResult> SameAsync(ResourceRegistration reg, ResourceState old, ResourceState goal)
    {
        // The new inputs equal the old ones up to secrecy: record them, so a value that became secret is encrypted from now on.
        var state = goal with { Id = old.Id, Outputs = StepEvents.SecureOutputs(old.Outputs, goal.Inputs, goal.AdditionalSecretOutputs), Modified = old.Modified };
        var metadata = StepEvents.Metadata(StepKind.Same, reg.Urn, reg.Type, old, state);
        run.Announce(metadata, run.DryRun);
        if (!run.DryRun && !old.RecordsSameAs(state))
        {
            // Options (protect, dependencies...) changed without a provider change: record them.
            await run.RecordAsync(JournalOp.Put(state));
        }

        run.Count(StepKind.Same);
        run.Events.Emit(new ResourceOutputsEvent(metadata, run.DryRun));
        return new RegistrationResult(old.Id, state.Outputs);
    }

    private async Task<RegistrationResult> CreateAsync(ResourceRegistration reg, IResourceProvider provider, ResourceState goal, StepDecision decision, StepKind op, ResourceState? old = null)
    {
        var metadata = StepEvents.Metadata(op, reg.Urn, reg.Type, old, goal, decision);
        run.Announce(metadata, run.DryRun);
        if (run.DryRun)
        {
            var predicted = await provider.CreateAsync(new CreateRequest(reg.Urn, reg.Type, goal.Inputs, Preview: true), run.CancellationToken);
            run.Count(op);
            run.Events.Emit(new ResourceOutputsEvent(metadata with { New = StepEvents.State(goal with { Outputs = predicted.Outputs }) }, true));
            return new RegistrationResult(string.Empty, StepEvents.SecureOutputs(predicted.Outputs, goal.Inputs, goal.AdditionalSecretOutputs));
        }

        var created = await run.PendingCallAsync(goal, PendingOperationKind.Creating, "create", goal.CustomTimeouts?.Create, ct =>
            provider.CreateAsync(new CreateRequest(reg.Urn, reg.Type, goal.Inputs, Preview: false), ct));
        if (string.IsNullOrEmpty(created.Id))
        {
            throw new StepFailedException("the provider created the resource but returned no id");
        }

        var state = goal with { Id = created.Id, Outputs = StepEvents.SecureOutputs(created.Outputs, goal.Inputs, goal.AdditionalSecretOutputs) };
        var ops = new List<JournalOp> { JournalOp.End(reg.Urn, PendingOperationKind.Creating) };
        if (old is not null)
        {
            // Create-before-delete: the old copy stays, marked for deletion at the end.
            ops.Add(JournalOp.Put(old with { Delete = true }));
        }

        ops.Add(JournalOp.Put(state));
        await run.Journal!.AppendAsync(ops, CancellationToken.None);
        run.Count(op);
        run.Events.Emit(new ResourceOutputsEvent(metadata with { New = StepEvents.State(state) }, false));
        return new RegistrationResult(state.Id, state.Outputs);
    }

    private async Task<RegistrationResult> UpdateAsync(ResourceRegistration reg, IResourceProvider provider, ResourceState old, ResourceState goal, StepDecision decision)
    {
        var metadata = StepEvents.Metadata(StepKind.Update, reg.Urn, reg.Type, old, goal with { Id = old.Id }, decision);
        run.Announce(metadata, run.DryRun);
        var request = new UpdateRequest(reg.Urn, reg.Type, old.Id ?? string.Empty, old.Inputs, old.Outputs, goal.Inputs, run.DryRun);
        if (run.DryRun)
        {
            var predicted = await provider.UpdateAsync(request, run.CancellationToken);
            run.Count(StepKind.Update);
            run.Events.Emit(new ResourceOutputsEvent(metadata, true));
            return new RegistrationResult(old.Id, StepEvents.SecureOutputs(predicted.Outputs, goal.Inputs, goal.AdditionalSecretOutputs));
        }

        var updated = await run.PendingCallAsync(old, PendingOperationKind.Updating, "update", goal.CustomTimeouts?.Update, ct => provider.UpdateAsync(request, ct));
        var state = goal with { Id = old.Id, Outputs = StepEvents.SecureOutputs(updated.Outputs, goal.Inputs, goal.AdditionalSecretOutputs) };
        await run.RecordAsync(JournalOp.End(reg.Urn, PendingOperationKind.Updating), JournalOp.Put(state));
        run.Count(StepKind.Update);
        run.Events.Emit(new ResourceOutputsEvent(metadata with { New = StepEvents.State(state) }, false));
        return new RegistrationResult(state.Id, state.Outputs);
    }

    private async Task<RegistrationResult> ReplaceAsync(ResourceRegistration reg, IResourceProvider provider, ResourceState old, ResourceState goal, StepDecision decision)
    {
        var why = StepEvents.Describe(decision.ReplaceReasons);
        if (old.Protect || goal.Protect)
        {
            var metadata = StepEvents.Metadata(StepKind.Replace, reg.Urn, reg.Type, old, goal, decision);
            var message = $"resource {reg.Urn.Value} is protected and cannot be replaced (replacement forced by {why}); "
                + "to allow it, set Protect = false on it in the program and run up";
            if (run.DryRun)
            {
                // Preview reports the blocked replacement and goes on, so every problem shows at once.
                run.Fail(reg.Urn, message, metadata);
                return new RegistrationResult(old.Id, old.Outputs);
            }

            throw new StepFailedException(message);
        }

        run.Announce(StepEvents.Metadata(StepKind.Replace, reg.Urn, reg.Type, old, goal, decision), run.DryRun);
        if (decision.DeleteBeforeReplace)
        {
            if (!run.DryRun)
            {
                var dependents = await DependentReplacements.FindAsync(run, reg.Urn);
                if (dependents.FirstOrDefault(d => d.Protect) is { } protectedDependent)
                {
                    throw new StepFailedException(
                        $"replacing {reg.Urn.Value} deletes it first (DeleteBeforeReplace), which forces replacing its dependent {protectedDependent.Urn.Value}, and that one is protected");
                }

                foreach (var dependent in dependents.Reverse())
                {
                    await DeleteOldAsync(dependent);
                    run.ForgetOld(dependent.Urn);
                }

                await DeleteOldAsync(old);
            }

            var result = await CreateAsync(reg, provider, goal, decision, StepKind.CreateReplacement);
            run.Count(StepKind.Replace);
            return result;
        }

        var replaced = await CreateAsync(reg, provider, goal, decision, StepKind.CreateReplacement, run.DryRun ? null : old);
        run.Count(StepKind.Replace);
        if (run.DryRun)
        {
            run.Announce(StepEvents.Metadata(StepKind.DeleteReplaced, reg.Urn, reg.Type, old, null), true);
        }

        return replaced;
    }

    /// <summary>Deletes a resource that is about to be created again (delete-before-replace), recording it as gone.</summary>
    private async Task DeleteOldAsync(ResourceState old)
    {
        var metadata = StepEvents.Metadata(StepKind.DeleteReplaced, old.Urn, old.Type, old, null);
        run.Announce(metadata, false);
        if (!old.RetainOnDelete && old.Id is not null)
        {
            var provider = run.Settings.Providers.ResolveReference(old.Type, old.Provider);
            await run.PendingCallAsync(old, PendingOperationKind.Deleting, "delete", old.CustomTimeouts?.Delete, async ct =>
            {
                await provider.DeleteAsync(new DeleteRequest(old.Urn, old.Type, old.Id, old.Inputs, old.Outputs), ct);
                return true;
            });
            await run.RecordAsync(JournalOp.End(old.Urn, PendingOperationKind.Deleting), JournalOp.Remove(old.Urn, false));
        }
        else
        {
            await run.RecordAsync(JournalOp.Remove(old.Urn, false));
        }

        run.Events.Emit(new ResourceOutputsEvent(metadata, false));
    }

    /// <summary>A component: no provider; recorded (or kept) in state, outputs come later through RegisterOutputs.</summary>
    public async Task<RegistrationResult> RunComponentAsync(ResourceRegistration reg, SerializedInputs inputs, ImmutableArray<Urn> dependencies)
    {
        run.Old.TryGetValue(reg.Urn, out var old);
        var state = new ResourceState(reg.Urn, reg.Type, Custom: false)
        {
            Inputs = inputs.Inputs,
            Outputs = old?.Outputs ?? PropertyMap.Empty,
            Parent = reg.Resource.Parent?.ResourceUrn,
            Protect = reg.Options.Protect,
            RetainOnDelete = reg.Options.RetainOnDelete,
            Dependencies = dependencies,
            Created = old?.Created ?? run.Now,
            Modified = old is not null && old.Inputs.Equals(inputs.Inputs) ? old.Modified : run.Now,
            SourcePosition = reg.Options.SourcePosition,
        };
        var op = old is null ? StepKind.Create : old.Inputs.WithoutSecrets().Equals(inputs.Inputs.WithoutSecrets()) ? StepKind.Same : StepKind.Update;
        run.Plan?.Registered(op, old, state, []);
        var metadata = StepEvents.Metadata(op, reg.Urn, reg.Type, old, state);
        run.Announce(metadata, run.DryRun);
        if (!run.DryRun && (old is null || !old.RecordsSameAs(state)))
        {
            await run.RecordAsync(JournalOp.Put(state));
        }

        run.Count(op);
        run.Events.Emit(new ResourceOutputsEvent(metadata, run.DryRun));
        return new RegistrationResult(null, state.Outputs);
    }

    /// <summary>Records a component's (or the stack's) outputs once they are known.</summary>
    public async Task RecordOutputsAsync(Urn urn, PropertyMap outputs)
    {
        if (run.DryRun || run.Journal?.Draft.Find(urn) is not { } current || current.Outputs.Equals(outputs))
        {
            return;
        }

        await run.RecordAsync(JournalOp.Put(current with { Outputs = outputs }));
    }
}
