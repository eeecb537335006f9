class CreateOrders < ActiveRecord::Migration[6.1]
  TABLE = :orders

  def change
    create_table TABLE, id: :uuid do |t|
      t.references :user, null: false, foreign_key: true
      t.references :owner, polymorphic: true
      t.decimal :total, precision: 12, scale: 2
      t.timestamps null: true
    end

    create_table :tags, id: false do |t|
      t.string :name, null: false
    end

    create_table :accounts, primary_key: "code", id: :string do |t|
      t.string :label
    end

    create_join_table :users, :tags
  end
end
