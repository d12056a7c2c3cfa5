#include "StopReasons.h"

namespace inventory {

namespace {
struct Rule {
    const char *needle; ///< found in stoppedReason or a container reason
    const char *cause;
    const char *sentence;
};

// Order matters: the more specific texts come first.
const Rule kRules[] = {
    {"CannotPullContainerError", "Image pull failed",
     "The image could not be pulled: check the repository and tag exist, and that the task has a public IP "
     "or a "
     "NAT."},
    {"ResourceInitializationError", "Could not start",
     "The task could not be prepared (secrets, logs or the image registry were unreachable): check the task "
     "has a "
     "public IP or a NAT, and that the execution role (LabRole) may read them."},
    {"OutOfMemory", "Out of memory",
     "A container used more memory than the task allows and was killed: raise the task's memory or use "
     "less."},
    {"Essential container in task exited", "App exited",
     "The app's essential container exited, so ECS stopped the task: read its logs for the error."},
    {"EssentialContainerExited", "App exited",
     "The app's essential container exited, so ECS stopped the task: read its logs for the error."},
    {"Task failed ELB health checks", "Failed health checks",
     "The load balancer's health checks failed, so ECS replaced the task: check the health check path and "
     "port."},
    {"Task failed container health checks", "Failed health checks",
     "The container's health check failed, so ECS replaced the task: check the health check command."},
    {"Scaling activity initiated by", "Scaled in",
     "The service stopped this task to match a lower desired count or to replace it with a newer "
     "deployment."},
    {"ServiceSchedulerInitiated", "Replaced by the service",
     "The service stopped this task to match its desired count or a new deployment."},
    {"Task stopped by user", "Stopped by you", "Someone stopped this task (StopTask or the console)."},
    {"UserInitiated", "Stopped by you", "Someone stopped this task (StopTask or the console)."},
    {"SpotInterruption", "Spot interruption", "AWS reclaimed the Fargate Spot capacity this task ran on."},
    {"TaskFailedToStart", "Failed to start",
     "The task failed to start: check the image, the task definition and the container's command."},
};
} // namespace

StopExplanation explainStop(const QString &stopCode, const QString &stoppedReason,
                            const QString &containerReason, int exitCode)
{
    const QString texts[] = {containerReason, stoppedReason, stopCode};
    for (const Rule &rule : kRules) {
        for (const QString &text : texts) {
            if (text.contains(QLatin1String(rule.needle), Qt::CaseInsensitive)) {
                StopExplanation e{QString::fromUtf8(rule.cause), QString::fromUtf8(rule.sentence)};
                if (exitCode >= 0 && e.cause == QLatin1String("App exited"))
                    e.sentence += QStringLiteral(" (exit code %1)").arg(exitCode);
                return e;
            }
        }
    }
    if (stopCode.isEmpty() && stoppedReason.isEmpty())
        return {};
    return {stopCode.isEmpty() ? QStringLiteral("Stopped") : stopCode,
            stoppedReason.isEmpty() ? QStringLiteral("ECS gave no reason.") : stoppedReason};
}

StopExplanation explainStop(const Task &task)
{
    QString containerReason;
    int exitCode = -1;
    for (const ContainerState &c : task.containers) {
        if (!c.reason.isEmpty() && containerReason.isEmpty())
            containerReason = c.reason;
        if (c.exitCode >= 0 && exitCode < 0)
            exitCode = c.exitCode;
    }
    return explainStop(task.stopCode, task.stoppedReason, containerReason, exitCode);
}

} // namespace inventory
