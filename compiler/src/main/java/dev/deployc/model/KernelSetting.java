package dev.deployc.model;

/** One line of the project's sysctl.d file, and why it is there. */
public record KernelSetting(String key, String value, String reason) {}
