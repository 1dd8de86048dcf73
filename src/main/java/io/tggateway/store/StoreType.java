package io.tggateway.store;

/**
 * The kinds of store.
 */
public enum StoreType {

	/**
	 * In the process's memory: nothing to set up; a crash loses what was queued, and only
	 * one replica may run.
	 */
	MEMORY,

	/**
	 * PostgreSQL ({@code spring.datasource.*}): nothing accepted is lost in a crash, and
	 * several replicas may run (one leads).
	 */
	JDBC

}
