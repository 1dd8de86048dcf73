package io.tggateway.cluster;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/**
 * The election's own small connection pool to the service's database, with every call
 * bounded by {@link ClusterProperties#callTimeout()}. A renewal that hangs on a
 * partitioned network must fail before the lock expires, so that the leader stops polling
 * before another replica starts; the service's own pool waits as long as the operating
 * system keeps a silent connection open (minutes). Its own pool also keeps a busy service
 * from delaying a renewal. Not a {@link DataSource} bean: that would make Spring Boot's
 * auto-configured one back off.
 */
final class LockConnections implements AutoCloseable {

	private final HikariDataSource dataSource;

	private LockConnections(HikariDataSource dataSource) {
		this.dataSource = dataSource;
	}

	static LockConnections create(DataSourceProperties properties, Duration callTimeout) {
		HikariDataSource dataSource = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
		dataSource.setPoolName("tg-leader-lock");
		dataSource.setMaximumPoolSize(2);
		dataSource.setMinimumIdle(1);
		dataSource.setConnectionTimeout(callTimeout.toMillis());
		dataSource.setValidationTimeout(Math.min(callTimeout.toMillis(), 1_000));
		// PostgreSQL's driver counts these in seconds.
		dataSource.addDataSourceProperty("connectTimeout", callTimeout.toSeconds());
		dataSource.addDataSourceProperty("loginTimeout", callTimeout.toSeconds());
		dataSource.addDataSourceProperty("socketTimeout", callTimeout.toSeconds());
		return new LockConnections(dataSource);
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	public void close() {
		this.dataSource.close();
	}

}
